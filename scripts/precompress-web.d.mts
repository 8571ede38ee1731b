export declare const PRECOMPRESS_MIN_BYTES: number;
export declare function precompressDirectory(dir: string): { path: string; bytes: number; br: number; gz: number }[];
