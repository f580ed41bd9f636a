// Placeholder until the store work lands: generation is wired in scripts/prisma-generate.mjs.
console.log('[prisma-generate] no schema yet');
