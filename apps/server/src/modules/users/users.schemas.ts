import { z } from 'zod';
import { ROLES } from '@observatory/shared';

export const roleSchema = z.enum(ROLES);

export const userSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  role: roleSchema,
  locale: z.enum(['en', 'ru']),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export type UserDto = z.infer<typeof userSchema>;

export const usernameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._@-]{3,64}$/, 'zod.invalid_format');
export const passwordSchema = z.string().min(12).max(200);

export const loginBody = z
  .object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(200) })
  .strict();

export const sessionResponse = z.object({
  user: z
    .object({
      id: z.number(),
      username: z.string(),
      displayName: z.string(),
      role: roleSchema,
      locale: z.enum(['en', 'ru']),
    })
    .nullable(),
  csrfToken: z
    .string()
    .nullable()
    .describe('Send it back in the x-csrf-token header with every POST/PUT/PATCH/DELETE'),
  expiresAt: z.string().nullable(),
});

export const createUserBody = z
  .object({
    username: usernameSchema,
    displayName: z.string().trim().min(1).max(200),
    email: z.string().email().max(200).nullable().optional(),
    role: roleSchema,
    locale: z.enum(['en', 'ru']).default('en'),
    password: passwordSchema
      .optional()
      .describe('When absent a one-time password is generated and returned once'),
  })
  .strict();
export type CreateUserInput = z.infer<typeof createUserBody>;

export const createUserResponse = z.object({ user: userSchema, oneTimePassword: z.string().nullable() });

export const updateUserBody = z
  .object({
    displayName: z.string().trim().min(1).max(200).optional(),
    email: z.string().email().max(200).nullable().optional(),
    role: roleSchema.optional(),
    locale: z.enum(['en', 'ru']).optional(),
    disabled: z.boolean().optional(),
  })
  .strict();

export const changePasswordBody = z
  .object({ currentPassword: z.string().min(1).max(200), newPassword: passwordSchema })
  .strict();
export const userIdParams = z.object({ id: z.coerce.number().int().positive() });
export const userListResponse = z.object({ items: z.array(userSchema) });
