// A Markdown article with front matter and every construct of the Markdown issue once; shared by tests.
/** The Done-when article of the Markdown issue: every construct once. */
export const ARTICLE = `---
title: "Gipfel in Berlin: Einigung über Zölle"
description: Die Regierungschefs verständigten sich am Montag. Details folgen.
slug: gipfel-berlin-zoelle
date: 2024-05-01
layout: artikel
author: Redaktion Politik
canonical: https://example.com/politik/gipfel-berlin
image:
  src: bilder/gipfel.jpg
  alt: Die Regierungschefs vor dem Kanzleramt
---
# Gipfel in *Berlin*

Der **Kanzler** traf am Montag die Regierungschefs. Laut [Reuters](https://reuters.example/gipfel "Bericht") gab es eine Einigung über \`tarif_v2\`-Zölle.[^1]

- Erster Punkt mit **fett**
  - Unterpunkt mit _kursiv_
- Zweiter Punkt

| Land | Zoll |
| --- | --- |
| Frankreich | *niedrig* |

> Ein Zitat aus der Pressekonferenz.

\`\`\`js
const geheim = "Quelltext nie senden";
\`\`\`

![Das Kanzleramt bei Nacht](bilder/kanzleramt.jpg)

<div class="hinweis">Rohes HTML bleibt</div>

[^1]: Nach Angaben der Nachrichtenagentur.
`;

