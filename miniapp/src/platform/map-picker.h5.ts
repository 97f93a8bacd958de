import type { MapPicker } from './map-picker';

/** No map SDK on the web build: the organizer types the coordinates. */
export const mapPicker: MapPicker | null = null;
