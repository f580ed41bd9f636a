-- CreateTable
CREATE TABLE "RunLease" (
    "key" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RunLease_pkey" PRIMARY KEY ("key")
);
