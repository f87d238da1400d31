/**
 * Every icon the app shows, by its lucide name (lucide.dev/icons). They are drawn from one sprite,
 * app/components/icons.svg, which `npm run icons` writes from this list: add a name here, run it,
 * and commit both (a unit test fails while the sprite and the list differ).
 */
export const ICON_NAMES = [
  'archive',
  'archive-restore',
  'arrow-right',
  'ban',
  'check',
  'chevron-down',
  'circle-alert',
  'circle-check',
  'clipboard-list',
  'copy',
  'download',
  'equal',
  'eye',
  'file-check',
  'file-text',
  'gauge',
  'key-round',
  'layout-grid',
  'link-2',
  'list-plus',
  'lock',
  'pencil',
  'plus',
  'printer',
  'trash-2',
  'triangle-alert',
  'upload',
  'user-minus',
  'user-plus',
] as const

export type IconName = (typeof ICON_NAMES)[number]
