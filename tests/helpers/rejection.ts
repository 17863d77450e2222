import { BitextError } from '../../src/core/errors.js';

/** The BitextError a promise rejects with; fails the test if it resolves or rejects with anything else. */
export async function rejection(promise: Promise<unknown>): Promise<BitextError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BitextError) return error;
    throw error;
  }
  throw new Error('expected a BitextError');
}
