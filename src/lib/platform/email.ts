/** An email as the product composes it; how it is delivered is the server's business. */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
}
