/**
 * The time zone list's `<optgroup>`s and `<option>`s as HTML, built once per list (`zoneChoices` keeps a
 * list per region and hour) and then only marked with the selected zone. Rendering its 400-odd options
 * element by element cost the account page several milliseconds a view. Pure.
 */
import { escapeHtml } from '../platform/html';
import type { ZoneChoices, ZoneOption } from './time';

const built = new WeakMap<ZoneChoices, string>();

const group = (label: string, zones: readonly ZoneOption[]): string =>
  `<optgroup label="${escapeHtml(label)}">${zones
    .map((z) => `<option value="${escapeHtml(z.value)}">${escapeHtml(z.label)}</option>`)
    .join('')}</optgroup>`;

function listHtml(choices: ZoneChoices): string {
  let html = built.get(choices);
  if (html === undefined) {
    const s = choices.suggested;
    html = [
      s ? group(`Suggested: ${s.region}`, s.zones) : '',
      s && s.more.length > 0 ? group(`More in ${s.region}`, s.more) : '',
      ...choices.groups.map((g) => group(g.name, g.zones)),
    ].join('');
    built.set(choices, html);
  }
  return html;
}

/** The options of `choices`, `selected` (a zone of the list) marked as chosen. */
export function zoneOptionsHtml(choices: ZoneChoices, selected: string): string {
  const html = listHtml(choices);
  const marker = `<option value="${escapeHtml(selected)}">`;
  const at = html.indexOf(marker);
  return at < 0
    ? html
    : `${html.slice(0, at)}<option value="${escapeHtml(selected)}" selected>${html.slice(at + marker.length)}`;
}
