-- Writers of either table wait until the key is in place: an orphan committed between the
-- DELETE and the ALTER (a replica of the previous version subscribing) would fail the upgrade.
LOCK TABLE "Topic", "Subscription" IN SHARE ROW EXCLUSIVE MODE;

-- Subscriptions to a topic that is no longer there (left by a topic removal racing a subscribe
-- in earlier versions) deliver nothing: the matcher reads only stored topics. They go, as the
-- removal promised; recreating their topic would undo an operator's removal.
DELETE FROM "Subscription" WHERE "topicSlug" NOT IN (SELECT "slug" FROM "Topic");

-- AddForeignKey
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_topicSlug_fkey" FOREIGN KEY ("topicSlug") REFERENCES "Topic"("slug") ON DELETE RESTRICT ON UPDATE RESTRICT;
