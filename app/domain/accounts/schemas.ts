import { z } from 'zod'
import { plainText } from '../text'

export const EmailSchema = z
  .string({ error: 'Enter your email address.' })
  .trim()
  .min(1, 'Enter your email address.')
  .max(254, 'An email address has at most 254 characters.')
  .pipe(z.email({ error: 'Enter a valid email address, like dana@example.com.' }))
  .transform((email) => email.toLowerCase())

export const PasswordSchema = z
  .string({ error: 'Enter a password.' })
  .min(1, 'Enter a password.')
  .min(10, 'Use at least 10 characters.')
  // scrypt itself has no length limit, but hashing megabytes per request is a cheap DoS.
  .max(200, 'Use at most 200 characters.')

export const NameSchema = plainText({ max: 80, label: 'Your name', error: 'Enter your name.', tooLong: 'A name has at most 80 characters.' }).min(1, 'Enter your name.')

export const SignupSchema = z.object({
  name: NameSchema,
  email: EmailSchema,
  password: PasswordSchema,
  redirectTo: z.string().optional(),
})

export const LoginSchema = z.object({
  email: EmailSchema,
  password: z.string({ error: 'Enter your password.' }).min(1, 'Enter your password.').max(200, 'Use at most 200 characters.'),
  redirectTo: z.string().optional(),
})

const CurrentPasswordSchema = z
  .string({ error: 'Enter your current password.' })
  .min(1, 'Enter your current password.')
  .max(200, 'Use at most 200 characters.')

export const ChangePasswordSchema = z
  .object({
    intent: z.literal('change-password'),
    currentPassword: CurrentPasswordSchema,
    newPassword: PasswordSchema,
    confirmPassword: z.string({ error: 'Repeat the new password.' }).min(1, 'Repeat the new password.'),
  })
  .refine((form) => form.confirmPassword === form.newPassword, {
    path: ['confirmPassword'],
    message: 'This does not match the new password.',
  })
  .refine((form) => form.newPassword !== form.currentPassword, {
    path: ['newPassword'],
    message: 'Choose a password different from the current one.',
  })

export const LogoutEverywhereSchema = z.object({ intent: z.literal('logout-everywhere') })

/** Everything the account page posts, told apart by `intent`. */
export const AccountFormSchema = z.discriminatedUnion('intent', [ChangePasswordSchema, LogoutEverywhereSchema], {
  error: 'This form is out of date: reload the page.',
})

export type SignupInput = z.input<typeof SignupSchema>
export type LoginInput = z.input<typeof LoginSchema>
