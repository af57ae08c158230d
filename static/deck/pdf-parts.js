/* The print view, ready for Chromium's PDF (manage.py export_deck --pdf),
 * which runs this once the view is laid out and fitted.
 *
 * deckPdf.pages(sheetHeight) says, page by page, which slide it holds, its
 * title and heading level (the PDF's outline), and how many sheets of
 * sheetHeight (default: reveal's page) it takes (a slide too long to fit runs onto more). It also
 * takes away reveal's aria-hidden from the slides: reveal hides every slide
 * but the current one from screen readers, and Chromium tags the PDF from
 * what a screen reader sees, so the PDF's tags held the first slide only.
 *
 * deckPdf.only(start, end) leaves pages [start, end) in the document and
 * keeps the rest aside, whole, to come back for the next part: Chromium's
 * cost per printed page grows with the document, so a big deck prints
 * faster in parts of a few hundred pages.
 */
window.deckPdf = (function () {
  "use strict";
  var all = null;
  var parent = null;

  /* reveal.js's own page height, as its print view sizes each page. */
  function pageHeight() {
    var size = Reveal.getComputedSlideSize(window.innerWidth, window.innerHeight);
    return Math.floor(size.height * (1 + Reveal.getConfig().margin));
  }

  function pages(sheetHeight) {
    sheetHeight = sheetHeight || pageHeight();
    var slides = document.querySelector(".reveal .slides");
    slides.querySelectorAll("[aria-hidden]").forEach(function (element) {
      element.removeAttribute("aria-hidden");
    });
    all = Array.prototype.slice.call(slides.querySelectorAll(".pdf-page"));
    parent = all.length ? all[0].parentNode : null;
    return all.map(function (page) {
      var section = page.querySelector("section[data-line]");
      var heading = section && section.querySelector("h1, h2, h3, h4, h5, h6");
      return {
        line: section ? parseInt(section.getAttribute("data-line"), 10) : 0,
        title: heading ? heading.textContent.replace(/\s+/g, " ").trim() : "",
        level: heading ? parseInt(heading.tagName.charAt(1), 10) : 7,
        sheets: Math.max(Math.round(page.offsetHeight / sheetHeight), 1),
      };
    });
  }

  function only(start, end) {
    all.forEach(function (page) {
      if (page.parentNode) page.remove();
    });
    all.slice(start, end).forEach(function (page) {
      parent.appendChild(page);
    });
  }

  return { pages: pages, only: only };
})();
