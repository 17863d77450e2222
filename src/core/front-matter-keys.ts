/**
 * The front-matter keys translated by default: what a news article's front matter usually holds as
 * reader-facing text. Everything else — slug, date, layout, tags, categories, author, URLs, image paths —
 * is copied untouched. One list for the config's default and the Markdown reader's (they differed).
 */
export const DEFAULT_FRONT_MATTER_KEYS = Object.freeze(['title', 'subtitle', 'description', 'summary', 'excerpt', 'caption', 'alt', 'image.caption', 'image.alt'] as const);
