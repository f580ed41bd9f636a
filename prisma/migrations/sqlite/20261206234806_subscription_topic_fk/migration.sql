-- Subscriptions to a topic that is no longer there (left by a topic removal racing a subscribe
-- in earlier versions) deliver nothing: the matcher reads only stored topics. They go, as the
-- removal promised; recreating their topic would undo an operator's removal.
DELETE FROM "Subscription" WHERE "topicSlug" NOT IN (SELECT "slug" FROM "Topic");

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Subscription" (
    "subscriber" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "topicSlug" TEXT NOT NULL,
    "minScore" REAL,
    "maxPapers" INTEGER,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,

    PRIMARY KEY ("subscriber", "topicSlug"),
    CONSTRAINT "Subscription_topicSlug_fkey" FOREIGN KEY ("topicSlug") REFERENCES "Topic" ("slug") ON DELETE RESTRICT ON UPDATE RESTRICT
);
INSERT INTO "new_Subscription" ("createdAt", "createdBy", "kind", "maxPapers", "minScore", "subscriber", "topicSlug") SELECT "createdAt", "createdBy", "kind", "maxPapers", "minScore", "subscriber", "topicSlug" FROM "Subscription";
DROP TABLE "Subscription";
ALTER TABLE "new_Subscription" RENAME TO "Subscription";
CREATE INDEX "Subscription_topicSlug_idx" ON "Subscription"("topicSlug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
