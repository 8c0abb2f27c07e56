// @ts-check
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import { defineConfig, envField } from 'astro/config';

export default defineConfig({
  output: 'server',
  // The handler only: src/server.mjs runs the HTTP server (static files, readiness, draining).
  adapter: node({ mode: 'middleware' }),
  integrations: [mdx()],
  server: { host: '127.0.0.1', port: 4321 },
  // Every stylesheet is a file, so the CSP can forbid inline styles and scripts alike.
  build: { inlineStylesheets: 'never' },
  trailingSlash: 'never',
  // The origin check is src/middleware.ts's: it covers every state-changing request whatever its content
  // type (Astro's covers form types only) and compares with the run-time SITE_URL, so a build serves any
  // site URL. No forwarded host is trusted (allowedDomains is empty): nothing here builds URLs from them.
  security: { checkOrigin: false },
  devToolbar: { enabled: false },
  vite: {
    build: {
      // Every script is a file too (Astro inlines small component scripts otherwise, which the CSP refuses).
      assetsInlineLimit: (file) => (file.endsWith('.js') ? false : undefined),
      rolldownOptions: {
        // Astro marks every MDX module with the directive "use astro:head-inject", and Vite 8's bundler warns
        // once per lesson that it may not keep it (withastro/astro#18087, open): 44 boxed warnings that are
        // not about this project. Every other warning is printed.
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('astro:head-inject'))
            return;
          warn(warning);
        },
      },
    },
  },
  prefetch: false,
  env: {
    // Server-only and read at run time, so one build serves every environment.
    validateSecrets: true,
    schema: {
      DATABASE_URL: envField.string({
        context: 'server',
        access: 'secret',
        default: 'file:./data/academy.db',
      }),
      DATABASE_AUTH_TOKEN: envField.string({ context: 'server', access: 'secret', optional: true }),
      DATABASE_BUSY_TIMEOUT_MS: envField.number({
        context: 'server',
        access: 'secret',
        int: true,
        gt: 0,
        default: 5000,
      }),
      SMTP_URL: envField.string({ context: 'server', access: 'secret', optional: true }),
      EMAIL_FROM: envField.string({
        context: 'server',
        access: 'secret',
        default: 'Trust Academy <hello@trust-academy.local>',
      }),
      TRUSTED_PROXY_HEADER: envField.enum({
        context: 'server',
        access: 'secret',
        values: ['none', 'x-forwarded-for', 'x-real-ip'],
        default: 'none',
      }),
      // How many proxies of ours append to X-Forwarded-For: the client is that many entries from the right.
      TRUSTED_PROXY_HOPS: envField.number({
        context: 'server',
        access: 'secret',
        int: true,
        gt: 0,
        lt: 11,
        default: 1,
      }),
      // Stripe: all unset is the embedded default (the local trial and free codes work; paid plans say
      // payments are not configured). With a secret key, the webhook secret and every price id are required.
      STRIPE_SECRET_KEY: envField.string({ context: 'server', access: 'secret', optional: true }),
      STRIPE_WEBHOOK_SECRET: envField.string({
        context: 'server',
        access: 'secret',
        optional: true,
        startsWith: 'whsec_',
      }),
      STRIPE_PRICE_MONTHLY: envField.string({
        context: 'server',
        access: 'secret',
        optional: true,
        startsWith: 'price_',
      }),
      STRIPE_PRICE_YEARLY: envField.string({
        context: 'server',
        access: 'secret',
        optional: true,
        startsWith: 'price_',
      }),
      STRIPE_PRICE_ASSESSMENT: envField.string({
        context: 'server',
        access: 'secret',
        optional: true,
        startsWith: 'price_',
      }),
      STRIPE_TIMEOUT_MS: envField.number({
        context: 'server',
        access: 'secret',
        int: true,
        gt: 0,
        default: 10000,
      }),
      // Where the Stripe API is reached; only for a stand-in (tests, stripe-mock). Default: api.stripe.com.
      STRIPE_API_URL: envField.string({ context: 'server', access: 'secret', optional: true, url: true }),
      LOG_LEVEL: envField.enum({
        context: 'server',
        access: 'secret',
        values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
        default: 'info',
      }),
      // Unset: /metrics does not exist. At least 16 characters, so a guessable token is refused at start-up.
      METRICS_TOKEN: envField.string({ context: 'server', access: 'secret', optional: true, min: 16 }),
      SITE_URL: envField.string({
        context: 'server',
        access: 'secret',
        url: true,
        default: 'http://127.0.0.1:4321',
      }),
    },
  },
});
