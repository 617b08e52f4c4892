import { api } from '../support/server';
import { expect, setUpClinic, signIn, test } from './fixtures';

// The face and body map, through the component as the app shows it (Settings → Face and body
// diagrams, where it can be tried without a session).

test('mark two areas on the face map, by tapping and by the keyboard, and read them back as a list', async ({ page, server }, testInfo) => {
  const token = await setUpClinic(server.url);
  const products = await api<{ items: { id: number; name: string }[] }>(server.url, 'products.list', {}, token);
  if (!products.body.ok) throw new Error(products.body.error.message);
  const serum = products.body.value.items.find((p) => p.name.toLowerCase().includes('hyaluronic'))!;
  const received = await api(server.url, 'lots.receive', { productId: serum.id, lotNumber: 'HA-7781', expiresOn: '2030-06-30', quantity: 10 }, token);
  expect(received.body.ok).toBe(true);

  await signIn(page, server.url);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('link', { name: 'Face and body diagrams' }).click();
  await expect(page.getByRole('heading', { name: 'Face and body diagrams' })).toBeVisible();

  const diagram = page.getByRole('group', { name: 'Face, front view diagram' });
  await expect(diagram).toBeVisible();
  const marks = page.getByRole('list', { name: /Marked areas/ });

  // 1. By tapping: the forehead is shaded.
  await diagram.getByRole('button', { name: 'Forehead' }).click();
  await expect(diagram.getByRole('button', { name: 'Forehead' })).toHaveAttribute('aria-pressed', 'true');
  await expect(marks.getByRole('listitem')).toHaveCount(1);
  const first = marks.getByRole('group', { name: 'Mark 1: Forehead' });
  await expect(first).toContainText('shaded zone, face, front');

  // 2. By the keyboard: choose a zone from the list and add it as a point.
  await page.getByText('Places a point', { exact: true }).click();
  await expect(page.getByRole('radio', { name: 'Places a point' })).toBeChecked();
  const zone = page.getByLabel('Zone on face, front');
  await zone.focus();
  await zone.selectOption({ label: 'Left cheek' });
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Add point' })).toBeFocused();
  await page.keyboard.press('Enter');
  const second = marks.getByRole('group', { name: 'Mark 2: Left cheek' });
  await expect(second).toContainText('point, face, front');

  // Each mark carries what the treatment needs: product and lot, amount, depth, passes.
  await second.getByLabel('Product').selectOption({ label: serum.name });
  await second.getByLabel('Lot').selectOption({ label: 'HA-7781 · expires 2030-06-30' });
  await second.getByLabel('Amount').fill('0.5');
  await second.getByLabel('Depth (mm)').fill('1.5');
  await second.getByLabel('Passes').fill('3');
  await expect(second).toContainText(`${serum.name}, lot HA-7781; 0.5 mL; depth 1.5 mm; 3 passes`);

  // A depth outside what the records accept is shown next to its field.
  await first.getByLabel('Depth (mm)').fill('6');
  await expect(first.getByText('Must be at most 4 mm')).toBeVisible();
  await first.getByLabel('Depth (mm)').fill('');
  await expect(first.getByText('Must be at most 4 mm')).toHaveCount(0);

  // A point placed by tapping the picture takes the name of the zone under it.
  const nose = await diagram.getByRole('button', { name: 'Nose' }).boundingBox();
  await page.mouse.click(nose!.x + nose!.width / 2, nose!.y + nose!.height * 0.45);
  await expect(marks.getByRole('group', { name: 'Mark 3: Nose' })).toBeVisible();
  await page.getByRole('button', { name: 'Remove mark 3 (Nose)' }).click();
  await expect(marks.getByRole('listitem')).toHaveCount(2);

  // Another diagram: the body. Its buttons say how many marks each diagram holds.
  await page.getByRole('button', { name: 'Body, back' }).click();
  await expect(page.getByRole('group', { name: 'Body, back view diagram' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Face, front.*2 marks/ })).toBeVisible();

  // The printed version lists the same marks, numbered, with the diagram they are on.
  const printed = page.getByRole('region', { name: 'Treated areas' });
  await expect(printed.getByRole('img', { name: 'Face, front view, with 2 numbered marks' })).toBeVisible();
  await expect(printed.getByRole('listitem')).toHaveText(['Forehead (shaded zone, face, front)', `Left cheek (point, face, front) — ${serum.name}, lot HA-7781; 0.5 mL; depth 1.5 mm; 3 passes`]);

  // Inside the picture, arrow keys move from zone to zone and Enter shades the one reached.
  const back = page.getByRole('group', { name: 'Body, back view diagram' });
  await page.getByText('Shades a zone', { exact: true }).click();
  await back.getByRole('button', { name: 'Back of head' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(back.getByRole('button', { name: 'Back of neck' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(back.getByRole('button', { name: 'Back of neck' })).toHaveAttribute('aria-pressed', 'true');
  await expect(marks.getByRole('group', { name: 'Mark 3: Back of neck' })).toContainText('shaded zone, body, back');

  await page.getByRole('button', { name: 'Face, front' }).click();
  await page.screenshot({ path: testInfo.outputPath('body-map.png'), fullPage: true });
});
