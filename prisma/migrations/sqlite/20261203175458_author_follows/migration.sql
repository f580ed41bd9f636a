-- CreateTable
CREATE TABLE "AuthorFollow" (
    "subscriber" TEXT NOT NULL,
    "author" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,

    PRIMARY KEY ("subscriber", "author")
);
