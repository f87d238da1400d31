import { z } from 'zod'

/*
 * The hidden fields that say which row a form is about and at which revision the person saw it.
 * A page renders them, so a bad one means the page is stale or hand-made: one message for all.
 */

export const OUT_OF_DATE = 'This form is out of date: reload the page.'

export const rowId = z.string({ error: OUT_OF_DATE }).min(1, OUT_OF_DATE)
export const rowRevision = z.coerce.number({ error: OUT_OF_DATE }).int(OUT_OF_DATE).positive(OUT_OF_DATE)

/** An optional hidden field: posted empty when there is no row (a new rule). */
export const optionalRef = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional())
