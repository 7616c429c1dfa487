// Types for setup-steps.mjs (plain JavaScript: it runs before npm has installed TypeScript).
export declare const PACKAGES: Record<'demo' | 'start' | 'test', string[]>;
export declare const MIN_NODE: [number, number];
export declare const ELECTRON_TOOLING_NODE: [number, number];
export declare function missingPackages(wanted: string[], dpkgOutput: string): string[];
export declare function nodeVerdict(version: string): { ok: boolean; line: string };
export declare function summariseNpmOutput(text: string): { engineLine: string; kept: string[] };
export declare function firstErrorLine(output: string): string;
