// What an emulated card throws from process() when it is pulled out mid-command: the attachment
// (vpcd socket, USB CCID, in-process transport) catches it and drops the connection the way the
// real reader would see a removal. The card is powered off when this is thrown.

export class CardRemovedSignal extends Error {
  override readonly name = 'CardRemovedSignal';
  constructor(readonly duringCommand: string) {
    super(`card removed during ${duringCommand}`);
  }
}
