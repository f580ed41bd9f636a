-- CreateTable
CREATE TABLE "AuthorFollow" (
    "subscriber" TEXT NOT NULL,
    "author" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AuthorFollow_pkey" PRIMARY KEY ("subscriber","author")
);
