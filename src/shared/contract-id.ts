import { StrKey } from '@stellar/stellar-sdk';
import { z } from 'zod';

/** Why a string is not a contract id, in words a user can act on; null when it is one. */
export function contractIdProblem(value: string): string | null {
  if (value.length === 0) return 'is empty';
  if (value.startsWith('G')) return 'is an account address (G…), not a contract id (C…)';
  if (!value.startsWith('C')) return 'must start with "C"';
  if (value.length !== 56) return `must be 56 characters long, got ${value.length}`;
  if (!StrKey.isValidContract(value)) return 'has an invalid checksum or characters (not a valid C… strkey)';
  return null;
}

export const contractIdSchema = z.string().superRefine((value, ctx) => {
  const problem = contractIdProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: `contract id ${JSON.stringify(value)} ${problem}` });
});
