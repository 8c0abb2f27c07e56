/** The five elements of trust the course teaches, and the course modules built on them. */

export const ELEMENTS = ['dependability', 'competence', 'empathy', 'truth', 'rapport'] as const;
export type Element = (typeof ELEMENTS)[number];

export const MODULES = ['foundations', ...ELEMENTS] as const;
export type Module = (typeof MODULES)[number];

export interface ModuleInfo {
  id: Module;
  title: string;
  /** One sentence for the outline and the home page. */
  blurb: string;
}

/** Module order here is the course order. */
export const MODULE_INFO: Record<Module, ModuleInfo> = {
  foundations: {
    id: 'foundations',
    title: 'Foundations',
    blurb: 'What trust is, how it is built and lost, and why customers give it.',
  },
  dependability: {
    id: 'dependability',
    title: 'Dependability',
    blurb: 'Doing what you said, when you said it — and making promises you are sure to keep.',
  },
  competence: {
    id: 'competence',
    title: 'Competence',
    blurb: 'Knowing what you are talking about, and saying so plainly when you do not yet.',
  },
  empathy: {
    id: 'empathy',
    title: 'Customer empathy',
    blurb: 'Understanding what the customer needs and feels, and keeping your own interests out of the way.',
  },
  truth: {
    id: 'truth',
    title: 'Telling the truth',
    blurb: 'Consistent, sincere, every time — especially when the news is bad.',
  },
  rapport: {
    id: 'rapport',
    title: 'Rapport',
    blurb: 'Being easy to work with, without mistaking being liked for being trusted.',
  },
};

export function moduleTitle(module: Module): string {
  return MODULE_INFO[module].title;
}
