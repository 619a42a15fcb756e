import { clsx, type ClassValue } from 'clsx';

/**
 * Joins class names, dropping falsy values (shadcn's `cn`). Without tailwind-merge, conflicting utilities are not
 * resolved: primitives keep their own classes free of conflicts with the `className` callers typically pass
 * (spacing, width), and callers should not try to override a primitive's colours.
 */
export function cn(...inputs: ClassValue[]): string {
  return clsx(inputs);
}
