-- Hand-written: guards drizzle cannot express; the stock ledger never goes below zero and what touched a patient keeps its identity.
CREATE TRIGGER stock_movements_sign BEFORE INSERT ON stock_movements
WHEN NEW.quantity = 0
  OR NEW.kind NOT IN ('receive', 'use', 'waste', 'adjust')
  OR (NEW.kind = 'receive' AND NEW.quantity < 0)
  OR (NEW.kind IN ('use', 'waste') AND NEW.quantity > 0)
BEGIN SELECT RAISE(ABORT, 'a stock movement must move stock: receipts add, uses and waste take away'); END;
--> statement-breakpoint
-- Half a thousandth of slack: quantities are kept to 0.001 and stored as REAL.
CREATE TRIGGER stock_movements_never_negative BEFORE INSERT ON stock_movements
WHEN NEW.quantity < 0
  AND (SELECT coalesce(sum(quantity), 0) FROM stock_movements WHERE lot_id = NEW.lot_id) + NEW.quantity < -0.0005
BEGIN SELECT RAISE(ABORT, 'stock on hand cannot go below zero'); END;
--> statement-breakpoint
CREATE TRIGGER session_products_positive BEFORE INSERT ON session_products
WHEN NEW.quantity <= 0
BEGIN SELECT RAISE(ABORT, 'a product use must have a quantity above zero'); END;
--> statement-breakpoint
CREATE TRIGGER lots_no_delete BEFORE DELETE ON lots
BEGIN SELECT RAISE(ABORT, 'a lot is never deleted; its stock is adjusted instead'); END;
--> statement-breakpoint
CREATE TRIGGER products_no_delete BEFORE DELETE ON products
BEGIN SELECT RAISE(ABORT, 'a product is retired, never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER lots_identity_fixed BEFORE UPDATE ON lots
WHEN NEW.product_id IS NOT OLD.product_id OR NEW.lot_number IS NOT OLD.lot_number
BEGIN SELECT RAISE(ABORT, 'a lot keeps its product and lot number'); END;
--> statement-breakpoint
CREATE TRIGGER lots_recall_final BEFORE UPDATE ON lots
WHEN OLD.status = 'recalled' AND NEW.status IS NOT 'recalled'
BEGIN SELECT RAISE(ABORT, 'a recalled lot stays recalled'); END;
