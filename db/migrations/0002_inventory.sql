DROP INDEX `stock_movements_lot`;--> statement-breakpoint
ALTER TABLE `stock_movements` ADD `received_on` text;--> statement-breakpoint
ALTER TABLE `stock_movements` ADD `supplier` text;--> statement-breakpoint
ALTER TABLE `stock_movements` ADD `invoice` text;--> statement-breakpoint
CREATE INDEX `stock_movements_lot_quantity` ON `stock_movements` (`lot_id`,`quantity`);--> statement-breakpoint
ALTER TABLE `lots` ADD `status_changed_at` text;--> statement-breakpoint
ALTER TABLE `lots` ADD `status_changed_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `products` ADD `reorder_level` real;--> statement-breakpoint
CREATE UNIQUE INDEX `products_gtin_unique` ON `products` (`gtin`) WHERE "products"."gtin" is not null;