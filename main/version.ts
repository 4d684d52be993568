// The station's version, read once from package.json at build time.
import packageJson from '../package.json';

export const STATION_VERSION: string = packageJson.version;
