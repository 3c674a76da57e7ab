/** Roles of signed-in users, from least to most powerful. */
export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who may call a route. `public` includes anonymous visitors; the others need a session with at
 * least that role. Every route declares one (checked at start-up and by a test).
 */
export const ACCESS_LEVELS = ['public', 'viewer', 'editor', 'admin'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

export function roleSatisfies(role: Role | null, required: AccessLevel): boolean {
  if (required === 'public') return true;
  if (role === null) return false;
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}

/** Confidentiality of an observation: who may read it. */
export const CONFIDENTIALITY = ['public', 'dialogue', 'restricted'] as const;
export type Confidentiality = (typeof CONFIDENTIALITY)[number];

/**
 * Which confidentiality levels a reader sees: the public sees published (public) data only;
 * signed-in viewers (dialogue participants) also see `dialogue`; editors and admins see all.
 */
export function visibleConfidentiality(role: Role | null): Confidentiality[] {
  if (role === null) return ['public'];
  if (role === 'viewer') return ['public', 'dialogue'];
  return ['public', 'dialogue', 'restricted'];
}

/** Visibility of dialogue records (programmes, strategies, dialogues, meetings). */
export const VISIBILITIES = ['participants', 'public'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** What a caller may read: everyone `public` rows, signed-in users `participants` rows too. */
export function visibilitiesFor(role: Role | null): Visibility[] {
  return role === null ? ['public'] : ['public', 'participants'];
}
