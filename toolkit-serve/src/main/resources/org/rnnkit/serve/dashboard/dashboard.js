// rnnkit dashboard: lists the served models (with a try-it form) and the training runs, whose
// curves it polls from /v1/runs every two seconds so that a run in progress grows epoch by epoch.
"use strict";

const POLL_MS = 2000;
const charts = new Map(); // run name -> {chart, epochs, updated}

// What the try-it form sends and shows, per task; tasks without an entry get no form.
const TRY_IT = {
  sentiment: {
    placeholder: "the plot was not bad at all",
    body: (text) => ({ texts: [text] }),
    show: (a) => {
      const p = a.predictions[0];
      const detail = Object.entries(p.probabilities).map(([k, v]) => k + " " + v.toFixed(3)).join(", ");
      return { label: p.label, detail };
    },
  },
  postag: {
    placeholder: "they book a flight",
    body: (text) => ({ texts: [text] }),
    show: (a) => ({ label: a.tags[0].join(" "), detail: "" }),
  },
  translate: {
    placeholder: "3 march 2001",
    body: (text) => ({ sources: [text] }),
    show: (a) => ({ label: a.translations[0], detail: "" }),
  },
  generate: {
    placeholder: "the ",
    body: (text) => ({ prompt: text, length: 80, seed: 1 }),
    show: (a) => ({ label: a.texts[0], detail: "" }),
  },
};

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k.startsWith("data-")) e.setAttribute(k, v);
    else e[k] = v;
  }
  for (const c of children) e.append(c);
  return e;
}

async function getJson(path) {
  const r = await fetch(path, { cache: "no-store" });
  if (!r.ok) throw new Error(path + ": HTTP " + r.status);
  return r.json();
}

function modelCard(model) {
  const card = el("div", { class: "card model", "data-model": model.name });
  card.append(el("h3", {}, model.name + " ", el("small", {}, model.task)));
  const spec = TRY_IT[model.task];
  if (!spec) {
    card.append(el("p", { class: "facts" }, "No form for " + model.task + "; see the README's curl example."));
    return card;
  }
  const input = el("textarea", { rows: 2, name: "input", placeholder: spec.placeholder });
  input.value = spec.placeholder;
  const label = el("div", { class: "label" });
  const detail = el("div", { class: "facts detail" });
  const form = el("form", { class: "try" }, input, el("button", { type: "submit" }, "Predict"), label, detail);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    label.textContent = "...";
    label.classList.remove("error");
    try {
      const r = await fetch("/v1/models/" + encodeURIComponent(model.name) + "/predict", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(spec.body(input.value)),
      });
      const answer = await r.json();
      if (!r.ok) throw new Error(answer.error || "HTTP " + r.status);
      const shown = spec.show(answer);
      label.textContent = shown.label;
      detail.textContent = shown.detail;
      form.setAttribute("data-answered", "true");
    } catch (e) {
      label.textContent = e.message;
      label.classList.add("error");
    }
  });
  card.append(form);
  return card;
}

function runCard(run) {
  const canvas = el("canvas", { "data-points": "0" });
  const card = el(
    "div",
    { class: "card run", "data-run": run.name },
    el("h3", { class: "run-name" }, run.name),
    el("div", { class: "facts" },
      el("span", { class: "task" }), el("span", { class: "epochs" }), el("span", { class: "best-epoch" })),
    el("div", { class: "chart-box" }, canvas),
    el("details", {}, el("summary", {}, "options"), el("pre", { class: "options" })),
    el("details", {}, el("summary", {}, "provenance"), el("pre", { class: "provenance" })),
  );
  const chart = new Chart(canvas, {
    type: "line",
    data: { labels: [], datasets: [] },
    options: {
      animation: false,
      maintainAspectRatio: false,
      interaction: { mode: "index", intersect: false },
      scales: {
        x: { title: { display: true, text: "epoch" } },
        loss: { type: "linear", position: "left", title: { display: true, text: "train loss" } },
        dev: { type: "linear", position: "right", grid: { drawOnChartArea: false }, title: { display: true, text: "dev metric" } },
      },
    },
  });
  charts.set(run.name, { chart, card, canvas, epochs: -1, updated: -1 });
  return card;
}

function fill(entry, run) {
  const { chart, card, canvas } = entry;
  const epochs = run.metrics.map((m) => m.epoch);
  const best = run.bestEpoch;
  const datasets = [
    { label: "train loss", yAxisID: "loss", data: run.metrics.map((m) => m.train_loss), borderColor: "#3060c0", backgroundColor: "#3060c0" },
  ];
  if (run.devMetric) {
    datasets.push({
      label: run.devMetric,
      yAxisID: "dev",
      data: run.metrics.map((m) => m[run.devMetric]),
      borderColor: "#c05030",
      backgroundColor: "#c05030",
      pointRadius: run.metrics.map((m) => (m.epoch === best ? 6 : 3)),
    });
    chart.options.scales.dev.title.text = run.devMetric;
  }
  chart.data.labels = epochs;
  chart.data.datasets = datasets;
  chart.update("none");
  canvas.setAttribute("data-points", String(epochs.length));
  card.querySelector(".task").textContent = "task: " + (run.task || "-");
  card.querySelector(".epochs").textContent = "epochs: " + epochs.length;
  card.querySelector(".best-epoch").textContent = "best epoch: " + (best == null ? "-" : best);
  card.querySelector(".best-epoch").setAttribute("data-best", best == null ? "" : String(best));
  card.querySelector(".options").textContent = run.options ? JSON.stringify(run.options, null, 2) : "(not written yet)";
  card.querySelector(".provenance").textContent = run.provenance ? JSON.stringify(run.provenance, null, 2) : "(written with the bundle, when training ends)";
}

async function pollRuns() {
  const listing = await getJson("/v1/runs");
  document.getElementById("runs-directory").textContent = listing.directory || "(no --runs directory)";
  document.getElementById("no-runs").hidden = listing.runs.length > 0;
  const list = document.getElementById("run-list");
  for (const summary of listing.runs) {
    let entry = charts.get(summary.name);
    if (!entry) {
      list.append(runCard(summary));
      entry = charts.get(summary.name);
    }
    if (entry.epochs !== summary.epochs || entry.updated !== summary.updated) {
      const run = await getJson("/v1/runs/" + summary.name.split("/").map(encodeURIComponent).join("/"));
      fill(entry, run);
      entry.epochs = summary.epochs;
      entry.updated = summary.updated;
    }
  }
}

async function loadModels() {
  const listing = await getJson("/v1/models");
  const section = document.getElementById("models");
  section.hidden = listing.models.length === 0;
  const list = document.getElementById("model-list");
  for (const model of listing.models) list.append(modelCard(model));
}

async function tick() {
  const status = document.getElementById("status");
  try {
    await pollRuns();
    status.textContent = "updated " + new Date().toLocaleTimeString();
    document.body.setAttribute("data-polls", String(Number(document.body.getAttribute("data-polls") || 0) + 1));
  } catch (e) {
    status.textContent = "update failed: " + e.message;
  }
  setTimeout(tick, POLL_MS);
}

loadModels().catch((e) => { document.getElementById("status").textContent = e.message; });
tick();
