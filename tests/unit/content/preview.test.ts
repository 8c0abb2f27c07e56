import { describe, expect, it } from 'vitest';
import { lessonPreview } from '../../../src/lib/content/preview';

const body = [
  '<p>Opening words.</p>',
  '<h2 id="first">The first idea</h2><p>First section.</p><h3 id="sub">A detail</h3><p>More.</p>',
  '<h2 id="second">Second &amp; last</h2><p>Second section.</p>',
  '<section class="exercise"><h2 id="exercise">This week, try this</h2><p>Do it.</p></section>',
].join('');

describe('a member lesson’s preview', () => {
  it('keeps the introduction and the first section, and names the sections left out', () => {
    const preview = lessonPreview(body);
    expect(preview.html).toBe(
      '<p>Opening words.</p><h2 id="first">The first idea</h2><p>First section.</p><h3 id="sub">A detail</h3><p>More.</p>',
    );
    expect(preview.html).not.toContain('Second section');
    expect(preview.html).not.toContain('Do it');
    expect(preview.restSections).toEqual(['Second & last', 'This week, try this']);
  });

  it('keeps only the introduction of a lesson with one section', () => {
    expect(lessonPreview('<p>Intro.</p><h2>Only</h2><p>Body.</p>')).toEqual({
      html: '<p>Intro.</p>',
      restSections: ['Only'],
    });
  });

  it('shows nothing of a body without sections rather than all of it', () => {
    expect(lessonPreview('<p>All of it.</p>')).toEqual({ html: '', restSections: [] });
  });
});
