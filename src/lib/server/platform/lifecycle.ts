/** Process lifecycle shared by the server launcher and the app: once draining starts, readiness fails at once. */

const DRAINING = Symbol.for('trust-academy.draining');
type WithFlag = typeof globalThis & { [DRAINING]?: boolean };

export function isDraining(): boolean {
  return (globalThis as WithFlag)[DRAINING] === true;
}

export function startDraining(): void {
  (globalThis as WithFlag)[DRAINING] = true;
}
