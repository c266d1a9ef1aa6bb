"""The council-curated knowledge base: loaders, chunking, embeddings, Chroma, BM25 and hybrid retrieval."""
