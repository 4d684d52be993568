// The Quantis USB protocol, as ID Quantique's Quantis library (Unix, QuantisUsb.c and
// QuantisUsb_Commands.h, 2004-2020) speaks it:
// - VID:PID 0x0ABA:0x0102; configuration 1, interface 0; random data from bulk IN endpoint 0x86.
// - Every bulk read asks for exactly wMaxPacketSize (64 at USB 1, 512 at USB 2; the library's
//   buffer is 512) — "we MUST request usbMaxPacketSize data, otherwise the request fails" — and a
//   short transfer is an error. Before every packet GET_MODULES_STATUS must answer > 0.
// - Vendor requests go to the interface with wValue 0, wIndex 0 and a 1000 ms timeout:
//   IN (bmRequestType 0xC1 = device-to-host | vendor | interface) reads 4 bytes little-endian for
//   board version and modules rate, 1 byte for status, power, mask and the AIS31 flag;
//   OUT (0x41) without data for module disable/enable and clearing the AIS31 flag.
// - Board reset: if status != 1 or mask != 0, disable, enable and wait 1 s; then read and discard
//   4096 bytes.
export const QUANTIS_USB_VENDOR_ID = 0x0aba;
export const QUANTIS_USB_PRODUCT_ID = 0x0102;
export const QUANTIS_USB_CONFIGURATION = 1;
export const QUANTIS_USB_INTERFACE = 0;
/** Endpoint address 0x86: IN, number 6 (WebUSB takes the number without the direction bit). */
export const QUANTIS_USB_BULK_IN_ENDPOINT = 0x86 & 0x0f;
export const QUANTIS_USB_MAX_PACKET_SIZE = 512;
export const QUANTIS_USB_REQUEST_TIMEOUT_MS = 1000;
export const QUANTIS_USB_RESET_DISCARD_BYTES = 4096;
export const QUANTIS_USB_RESET_WAIT_MS = 1000;

export const QuantisUsbRequest = {
  getBoardVersion: 0x10,
  moduleDisable: 0x11,
  moduleEnable: 0x12,
  getModulesStatus: 0x13,
  getModulesPower: 0x14,
  getModulesMask: 0x15,
  getModulesRate: 0x16,
  getAis31StartupTestsRequestFlag: 0x17,
  clearAis31StartupTestsRequestFlag: 0x18,
} as const;
