/** Types for scripts/build.mjs (a plain ESM script so it runs before anything is compiled). */
export declare const DIST: string;
export declare const ENTRY_POINTS: Record<string, string>;
export declare const LIBRARY_SNAPSHOT: string;
export declare const BUNDLED_PACKAGES: readonly string[];
export declare function isStale(): boolean;
export declare function build(): Promise<void>;
export declare function buildIfStale(): Promise<boolean>;
