-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Paper" (
    "arxivId" TEXT NOT NULL,
    "version" INTEGER,
    "title" TEXT NOT NULL,
    "abstract" TEXT NOT NULL,
    "authors" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3),
    "announcedAt" TIMESTAMP(3),
    "absUrl" TEXT NOT NULL,
    "pdfUrl" TEXT,
    "categories" TEXT NOT NULL,
    "upvotes" INTEGER,
    "commentCount" INTEGER,
    "githubRepo" TEXT,
    "projectPage" TEXT,
    "aiSummary" TEXT,
    "aiKeywords" TEXT NOT NULL,
    "sources" TEXT NOT NULL,
    "summary" TEXT,
    "summarySource" TEXT,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Paper_pkey" PRIMARY KEY ("arxivId")
);

-- CreateTable
CREATE TABLE "IngestRun" (
    "id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "window" TEXT NOT NULL,
    "created" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL,
    "error" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "IngestRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Topic" (
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "mustPhrases" TEXT NOT NULL,
    "mustNotPhrases" TEXT NOT NULL,
    "categories" TEXT NOT NULL,
    "minUpvotes" INTEGER,
    "builtin" BOOLEAN NOT NULL DEFAULT false,
    "createdBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Topic_pkey" PRIMARY KEY ("slug")
);

-- CreateTable
CREATE TABLE "Feedback" (
    "topicSlug" TEXT NOT NULL,
    "arxivId" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "verdict" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Feedback_pkey" PRIMARY KEY ("topicSlug","arxivId","actor")
);

-- CreateTable
CREATE TABLE "Subscription" (
    "subscriber" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "topicSlug" TEXT NOT NULL,
    "minScore" DOUBLE PRECISION,
    "maxPapers" INTEGER,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Subscription_pkey" PRIMARY KEY ("subscriber","topicSlug")
);

-- CreateTable
CREATE TABLE "DeliveryTarget" (
    "id" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "time" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "weekdaysOnly" BOOLEAN NOT NULL DEFAULT false,
    "maxPapers" INTEGER NOT NULL,
    "notifyEmpty" BOOLEAN NOT NULL DEFAULT false,
    "lastDigestAt" TIMESTAMP(3),
    "status" TEXT NOT NULL DEFAULT 'active',
    "brokenReason" TEXT,
    "failureCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DeliveryTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlannedDigest" (
    "targetId" TEXT NOT NULL,
    "windowKey" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3),
    "windowEnd" TIMESTAMP(3) NOT NULL,
    "items" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PlannedDigest_pkey" PRIMARY KEY ("targetId","windowEnd")
);

-- CreateTable
CREATE TABLE "DeliveryPart" (
    "targetId" TEXT NOT NULL,
    "windowKey" TEXT NOT NULL,
    "part" INTEGER NOT NULL,
    "totalParts" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "platformMessageId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DeliveryPart_pkey" PRIMARY KEY ("targetId","windowKey","part")
);

-- CreateTable
CREATE TABLE "JobRun" (
    "job" TEXT NOT NULL,
    "slot" TEXT NOT NULL,
    "replica" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "detail" TEXT,
    "claimedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("job","slot")
);

-- CreateTable
CREATE TABLE "CacheEntry" (
    "namespace" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CacheEntry_pkey" PRIMARY KEY ("namespace","key")
);

-- CreateIndex
CREATE INDEX "Paper_firstSeenAt_idx" ON "Paper"("firstSeenAt");

-- CreateIndex
CREATE INDEX "Paper_publishedAt_idx" ON "Paper"("publishedAt");

-- CreateIndex
CREATE INDEX "Paper_updatedAt_idx" ON "Paper"("updatedAt");

-- CreateIndex
CREATE INDEX "IngestRun_startedAt_idx" ON "IngestRun"("startedAt");

-- CreateIndex
CREATE INDEX "Subscription_topicSlug_idx" ON "Subscription"("topicSlug");

-- CreateIndex
CREATE UNIQUE INDEX "PlannedDigest_targetId_windowKey_key" ON "PlannedDigest"("targetId", "windowKey");

-- CreateIndex
CREATE INDEX "JobRun_job_claimedAt_idx" ON "JobRun"("job", "claimedAt");
