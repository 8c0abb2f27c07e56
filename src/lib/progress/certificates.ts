/** What a certificate is for, in words. Pure. */
import { MODULE_INFO, MODULES, type Module } from '../content/elements';

export function certificateTitle(scope: string): string {
  if (scope === 'course') return 'Trust Academy course';
  return (MODULES as readonly string[]).includes(scope)
    ? `${MODULE_INFO[scope as Module].title} module`
    : scope;
}
