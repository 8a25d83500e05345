/**
 * Imported first by every entry point. `natural` calls dotenv's config() as a side effect of being
 * imported, and dotenv then prints "injected env" lines to stdout, which would corrupt the JSONL
 * output of the classify command. This flag silences those calls; our own config loading is quiet anyway.
 */
process.env.DOTENV_CONFIG_QUIET = 'true';
export {};
