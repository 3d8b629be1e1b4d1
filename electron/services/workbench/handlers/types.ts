import type { IpcResult } from '../../../../shared/ipc/define';
import type { ChannelName, ParsedArgsOf, ValueOf } from '../../../../shared/ipc/contract';

/** One async function per channel of the contract, taking parsed arguments and answering data. */
export type Handlers = {
  readonly [C in ChannelName]: (args: ParsedArgsOf<C>) => Promise<IpcResult<ValueOf<C>>>;
};
