// The query page: YASGUI against this server's /sparql, the named queries as examples, and every
// IRI in a result linked to its page on this site. Loaded from the package: the page's policy runs
// no other script and lets it connect to nothing but this server.
"use strict";
(function () {
  const config = JSON.parse(document.getElementById("rg-query-config").textContent);
  const endpoint = new URL(config.endpoint, window.location.href).href;
  const examples = new Map(config.examples.map((e) => [e.name, e]));

  function pageOf(iri) {
    if (iri.startsWith(config.inst) && iri.length > config.inst.length) {
      return "/id/" + iri.slice(config.inst.length).split("/").map(encodeURIComponent).join("/");
    }
    return "/resource?iri=" + encodeURIComponent(iri);
  }

  // Results link IRIs to themselves (off to the web); point them at this site's pages instead.
  function relink(root) {
    root.querySelectorAll("a[href]").forEach((a) => {
      if (a.dataset.rgLinked) return;
      const href = a.getAttribute("href");
      if (!/^(https?|urn):/i.test(href) || a.closest(".yasgui .tabsList, .yasqe")) return;
      a.setAttribute("href", pageOf(href));
      a.removeAttribute("target");
      a.dataset.rgLinked = "1";
    });
  }

  const first = config.examples.length ? config.examples[0].query : "SELECT * WHERE { ?s ?p ?o } LIMIT 10";
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }], keys: [] },
    persistenceId: null,
    yasqe: { value: first, prefixCcApi: "", autocompleters: ["prefixes", "variables"] },
    yasr: { prefixes: config.prefixes },
  });
  window.reportgraphQuery = { yasgui: yasgui, pageOf: pageOf };

  const results = document.getElementById("yasgui");
  new MutationObserver(() => relink(results)).observe(results, { childList: true, subtree: true });

  document.querySelectorAll(".rg-example").forEach((button) => {
    button.addEventListener("click", () => {
      const example = examples.get(button.dataset.name);
      const tab = yasgui.getTab();
      if (!example || !tab) return;
      const yasqe = tab.getYasqe();
      yasqe.setValue(example.query);
      yasqe.query();
    });
  });
})();
