// The site's search dialog (header partial: partials/header.html), on Pagefind's documented
// JavaScript API (pagefind/pagefind.js: options, search, filters, result.data()).
//
// What a reader's first search downloads is kept small: this file is all that loads with a page;
// Pagefind's script, its WebAssembly and its metadata load when the dialog first opens; the index
// chunks and the excerpts of the results shown (ten at a time) when a query is typed; the filters'
// values only when the reader opens « Filtres ». The search runs in the page (noWorker): the index
// of a few thousand briefings is searched in milliseconds, and a worker would be one more script.
//
// Keyboard: the button, Ctrl+K or ⌘K open the dialog (a native modal <dialog>: focus stays in it,
// Escape closes it and focus returns to where it was, or to the button); Tab reaches the sort, the filters and each
// result; ↓ from the query goes to the first result, ↑/↓ move between results.
// Text from the index is written as text: excerpts keep Pagefind's <mark> and nothing else.

const PAGE = 10;

const root = document.querySelector("[data-briefings-search]");
if (root) setUp(root);

function setUp(root) {
  const words = JSON.parse(root.querySelector("[data-briefings-search-wording]").textContent);
  const bundle = new URL(root.dataset.briefingsSearch, document.baseURI);
  const opener = root.querySelector(".briefings-search__open");
  const dialog = root.querySelector("dialog");
  const input = dialog.querySelector("input");
  const sort = dialog.querySelector("[data-briefings-sort]");
  const filters = [...dialog.querySelectorAll("[data-briefings-filter]")];
  const details = dialog.querySelector("details");
  const summary = dialog.querySelector("[role=status]");
  const list = dialog.querySelector("ol");
  const more = dialog.querySelector(".briefings-search__more");
  const number = new Intl.NumberFormat("fr");
  let engine = null; // the promise of Pagefind's API, once the dialog has opened
  let asked = 0; // the latest search: an older one that answers late is dropped
  let found = [];
  let shown = 0;
  let answered = null; // the query whose results are shown
  let timer = 0;

  if (/Mac|iPhone|iPad/.test(navigator.platform)) root.querySelector(".briefings-search__keys").textContent = "⌘ K";

  function pagefind() {
    engine ??= (async () => {
      const api = await import(new URL("pagefind.js", bundle).href);
      // Result URLs start from the site's root, wherever the site is served.
      await api.options({noWorker: true, baseUrl: new URL("../", bundle).pathname, excerptLength: 24});
      await api.init();
      return api;
    })();
    return engine;
  }

  let returnTo = null; // what had the focus before the dialog opened: it gets it back on closing
  function open() {
    if (!dialog.open) {
      returnTo = document.activeElement;
      dialog.showModal();
    }
    input.focus();
    input.select();
    pagefind().catch(failed);
  }

  function failed(error) {
    summary.textContent = words.failed;
    console.error(error);
  }

  function said(count, query) {
    const template = count === 0 ? words.none : count === 1 ? words.one : words.many;
    return template.replace("{n}", number.format(count)).replace("{q}", query);
  }

  function chosen() {
    const values = {};
    for (const select of filters) if (select.value) values[select.dataset.briefingsFilter] = select.value;
    return values;
  }

  async function run() {
    const query = input.value.trim();
    const mine = ++asked;
    answered = null;
    if (!query) {
      summary.textContent = "";
      list.replaceChildren();
      more.hidden = true;
      return;
    }
    summary.textContent = words.loading;
    try {
      const api = await pagefind();
      const options = {filters: chosen()};
      if (sort.value) options.sort = {[sort.value]: "desc"};
      const answer = await api.search(query, options);
      if (mine !== asked) return;
      found = answer.results;
      shown = 0;
      list.replaceChildren();
      await showMore(mine);
      if (mine !== asked) return;
      summary.textContent = said(found.length, query);
      answered = query;
    } catch (error) {
      if (mine === asked) failed(error);
    }
  }

  async function showMore(mine) {
    const next = found.slice(shown, shown + PAGE);
    const pages = await Promise.all(next.map((result) => result.data()));
    if (mine !== asked) return;
    list.append(...pages.map(item));
    shown += next.length;
    more.hidden = shown >= found.length;
  }

  // Filters: their values (with how many pages carry each) load when the reader first opens them.
  let filled = false;
  async function fillFilters() {
    if (filled) return;
    filled = true;
    try {
      const values = await (await pagefind()).filters();
      for (const select of filters) {
        const counts = values[select.dataset.briefingsFilter] || {};
        const names = Object.keys(counts).sort((a, b) => a.localeCompare(b, "fr"));
        if (select.dataset.briefingsFilter === "annee") names.reverse();
        for (const name of names) select.append(new Option(`${name} (${number.format(counts[name])})`, name));
      }
    } catch (error) {
      filled = false;
      failed(error);
    }
  }

  opener.addEventListener("click", open);
  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "k") {
      event.preventDefault();
      open();
    }
  });
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) dialog.close(); // a click on the backdrop, outside the panel
  });
  dialog.querySelector(".briefings-search__close").addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => {
    // Opened with Ctrl+K from nowhere in particular: the focus comes back to the button, not to the page's top.
    if (!returnTo || returnTo === document.body) opener.focus();
  });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, 250); // as Pagefind's own debouncedSearch: not a search per key typed
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      clearTimeout(timer);
      const first = list.querySelector("a");
      if (first && answered === input.value.trim()) first.click(); // Enter opens the first result shown
      else run();
    } else if (event.key === "ArrowDown" && list.querySelector("a")) {
      event.preventDefault();
      list.querySelector("a").focus();
    }
  });
  list.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const links = [...list.querySelectorAll("a")];
    const at = links.indexOf(document.activeElement);
    if (at < 0) return;
    event.preventDefault();
    if (event.key === "ArrowUp" && at === 0) input.focus();
    else links[Math.min(links.length - 1, at + (event.key === "ArrowDown" ? 1 : -1))].focus();
  });
  sort.addEventListener("change", run);
  for (const select of filters) select.addEventListener("change", run);
  details.addEventListener("toggle", () => {
    if (details.open) fillFilters();
  });
  more.addEventListener("click", async () => {
    const before = shown;
    await showMore(asked);
    list.querySelectorAll("a")[before]?.focus();
  });
}

// One result: its title as a link, the date it was published, the excerpt with the words found marked.
function item(page) {
  const li = document.createElement("li");
  const link = document.createElement("a");
  link.href = page.url;
  link.className = "briefings-search__link";
  link.textContent = page.meta.title || page.url;
  li.append(link);
  const date = dateText(page.meta.date);
  if (date) {
    const time = document.createElement("time");
    time.dateTime = page.meta.date;
    time.textContent = date;
    li.append(time);
  }
  const excerpt = document.createElement("p");
  excerpt.append(...marked(page.excerpt || ""));
  li.append(excerpt);
  return li;
}

// Pagefind's excerpt is escaped text with <mark> around the words found: parsed in an inert
// template, only its text and its marks are kept.
function marked(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  return [...template.content.childNodes].map((node) => {
    if (node.nodeName !== "MARK") return document.createTextNode(node.textContent);
    const mark = document.createElement("mark");
    mark.textContent = node.textContent;
    return mark;
  });
}

// AAAA-MM-JJ, AAAA-MM or AAAA as a French reader reads it; an unknown date ("0000") says nothing.
function dateText(iso) {
  const parts = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(iso || "");
  if (!parts || parts[1] === "0000") return "";
  const [, year, month, day] = parts;
  const when = new Date(Date.UTC(+year, month ? +month - 1 : 0, day ? +day : 1));
  const shape = day ? {day: "numeric", month: "long", year: "numeric"} : month ? {month: "long", year: "numeric"} : {year: "numeric"};
  return new Intl.DateTimeFormat("fr", {...shape, timeZone: "UTC"}).format(when);
}
