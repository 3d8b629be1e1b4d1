import { z } from 'zod';
import type { Failure, Ok } from '../result';

/**
 * One channel of the contract: the schema of its arguments and the type of its value.
 * Arguments cross from the page, which is untrusted, so they are parsed in full before any service
 * runs. Values go the other way, from our own services, so their schema is a type only
 * (`z.custom`): writing each model twice, once as an interface and once as zod, would drift.
 */
export interface Channel<A extends z.ZodType, V extends z.ZodType> {
  readonly args: A;
  readonly value: V;
}

export const channel = <A extends z.ZodType, V extends z.ZodType>(args: A, value: V): Channel<A, V> => ({
  args,
  value,
});

/** A value type the main process vouches for. */
export const trusted = <T>() => z.custom<T>(() => true);

export const noArgs = z.object({}).strict();

/** Every answer is data: a value, or a coded failure the renderer switches on. */
export type IpcResult<T> = Ok<T> | (Failure & { readonly detail?: unknown });

/** Push events from main to the page (no reply). */
export interface PushEvent<P extends z.ZodType> {
  readonly payload: P;
}
export const push = <P extends z.ZodType>(payload: P): PushEvent<P> => ({ payload });
