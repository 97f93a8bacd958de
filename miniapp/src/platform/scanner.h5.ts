import type { Scanner } from './scanner';

/** A web page cannot open the camera as a scanner: people scan with the phone's camera or WeChat. */
export const scanner: Scanner | null = null;
