import type { FieldValue } from './draft-criterion'

/*
 * The values a draft criterion writes when the workshop's field does not list its own (step 4
 * lets a field list its allowed values with labels; then those win). They follow the demo's and
 * the API's spelling (`c_level`, ISO country codes), and each label is read by the matcher like
 * any note, so a value is only ever chosen because the note's words name it.
 */

export const DEFAULT_SENIORITY_VALUES: readonly FieldValue[] = [
  { value: 'c_level', label: 'C-level' },
  { value: 'vp', label: 'VP' },
  { value: 'director', label: 'Director' },
  { value: 'head', label: 'Head of' },
  { value: 'manager', label: 'Manager' },
  { value: 'individual', label: 'Individual contributor' },
]

/** ISO 3166 codes of every country the matcher knows by name. */
export const DEFAULT_COUNTRY_VALUES: readonly FieldValue[] = [
  { value: 'de', label: 'Germany' },
  { value: 'at', label: 'Austria' },
  { value: 'ch', label: 'Switzerland' },
  { value: 'gb', label: 'United Kingdom' },
  { value: 'ie', label: 'Ireland' },
  { value: 'fr', label: 'France' },
  { value: 'nl', label: 'Netherlands' },
  { value: 'be', label: 'Belgium' },
  { value: 'lu', label: 'Luxembourg' },
  { value: 'se', label: 'Sweden' },
  { value: 'no', label: 'Norway' },
  { value: 'dk', label: 'Denmark' },
  { value: 'fi', label: 'Finland' },
  { value: 'is', label: 'Iceland' },
  { value: 'es', label: 'Spain' },
  { value: 'it', label: 'Italy' },
  { value: 'pt', label: 'Portugal' },
  { value: 'pl', label: 'Poland' },
  { value: 'ae', label: 'United Arab Emirates' },
  { value: 'sa', label: 'Saudi Arabia' },
  { value: 'il', label: 'Israel' },
  { value: 'za', label: 'South Africa' },
  { value: 'us', label: 'United States' },
  { value: 'ca', label: 'Canada' },
  { value: 'br', label: 'Brazil' },
  { value: 'mx', label: 'Mexico' },
  { value: 'ar', label: 'Argentina' },
  { value: 'cl', label: 'Chile' },
  { value: 'co', label: 'Colombia' },
  { value: 'au', label: 'Australia' },
  { value: 'nz', label: 'New Zealand' },
  { value: 'jp', label: 'Japan' },
  { value: 'in', label: 'India' },
  { value: 'sg', label: 'Singapore' },
  { value: 'cn', label: 'China' },
  { value: 'kr', label: 'South Korea' },
]

/**
 * Regions whose countries the list above holds completely. A wider region ("Europe", "APAC")
 * becomes countries only from a workshop's own list; otherwise the draft says to list them.
 */
export const CLOSED_REGIONS: ReadonlySet<string> = new Set(['dach', 'benelux', 'nordics', 'anz'])

/** The domains a note names when it names a provider ("Gmail or Hotmail"). */
export const FREE_EMAIL_PROVIDERS: Readonly<Record<string, readonly string[]>> = {
  gmail: ['gmail.com', 'googlemail.com'],
  googlemail: ['googlemail.com'],
  hotmail: ['hotmail.com'],
  yahoo: ['yahoo.com'],
  outlook: ['outlook.com'],
  gmx: ['gmx.de', 'gmx.net'],
  'web de': ['web.de'],
  icloud: ['icloud.com'],
  aol: ['aol.com'],
}

/** What "a free email address" means when a note names no provider. */
export const FREE_EMAIL_DOMAINS: readonly string[] = ['gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com']
