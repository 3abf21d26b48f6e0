/**
 * The directories' filters (ambassadors, coworking): a form of selects above a list. An item stays
 * when, for every select with a value, its `data-<select name>` (a space-separated list) holds
 * that value. The form is `hidden` in the HTML and shown here, so without JavaScript the whole
 * list shows and no dead controls do. A `role="status"` in the form says how many are shown.
 */
export function filterList(form: HTMLFormElement, items: readonly HTMLElement[]) {
  form.hidden = false;
  const count = form.querySelector('[role="status"]');
  const apply = () => {
    const chosen = [...new FormData(form)].filter(([, value]) => value !== '');
    let shown = 0;
    for (const item of items) {
      const match = chosen.every(([name, value]) =>
        (item.dataset[name] ?? '').split(' ').includes(String(value)),
      );
      item.hidden = !match;
      if (match) shown += 1;
    }
    if (count) count.textContent = `${shown} / ${items.length}`;
  };
  form.addEventListener('change', apply);
  apply();
}
