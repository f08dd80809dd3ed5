// The agent's language and theme: their choice (or "follow the computer"), kept by main in the user's
// settings, and the language the UI resolved, which main uses for its own words (notifications, tray,
// quit warning). channels.ts spreads appearanceRequests into uiRequests.
import { z } from 'zod';
import { APP_LANGUAGES, AppLanguageSchema } from '../i18n/language';

/** Plain lists beside their schemas: the UI offers them without loading zod (scripts/contractShaking.mjs). */
export const LANGUAGE_CHOICES = ['system', ...APP_LANGUAGES] as const;
export const LanguageChoiceSchema = z.enum(LANGUAGE_CHOICES);
export type LanguageChoice = z.infer<typeof LanguageChoiceSchema>;

export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export const ThemeChoiceSchema = z.enum(THEME_CHOICES);
export type ThemeChoice = z.infer<typeof ThemeChoiceSchema>;

export const AppearanceSchema = z.object({ language: LanguageChoiceSchema, theme: ThemeChoiceSchema }).strict();
export type Appearance = z.infer<typeof AppearanceSchema>;

export const defaultAppearance: Appearance = { language: 'system', theme: 'system' };

export const appearanceRequests = {
  'appearance.get': { request: z.object({}).strict(), response: AppearanceSchema },
  'appearance.set': { request: AppearanceSchema.partial().strict(), response: AppearanceSchema },
  /** The language the UI is showing now (its choice, or the OS's); main words its notifications in it. */
  'appearance.uiLanguage': { request: z.object({ language: AppLanguageSchema }).strict(), response: z.object({}).strict() },
} as const;
