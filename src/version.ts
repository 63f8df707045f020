// Kept in step with package.json by scripts/postbuild.mjs's check.
export const VERSION = '0.1.0';
