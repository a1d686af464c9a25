// Sphinx's doctools.js compiles the catalogue's plural rule with `new Function`, which the
// site's Content-Security-Policy (no 'unsafe-eval') refuses. Loaded after doctools.js and
// before translations.js: the same catalogue, with the rule read without evaluating code.
if (typeof Documentation !== "undefined") {
  Documentation.addTranslations = (catalog) => {
    Object.assign(Documentation.TRANSLATIONS, catalog.messages);
    const constant = /^\s*\d+\s*$/.test(String(catalog.plural_expr)) ? Number(catalog.plural_expr) : null;
    Documentation.PLURAL_EXPR = (n) => (constant !== null ? constant : n === 1 ? 0 : 1);
    Documentation.LOCALE = catalog.locale;
  };
}
