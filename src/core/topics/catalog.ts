/**
 * The starter topic catalog: general domain knowledge a researcher in each area would list —
 * the names the method goes by, its typical components and named techniques, and the phrases
 * of neighbouring areas that share its words in another sense (negative evidence).
 *
 * Evidence tiers: `strong` phrases are enough on their own; `related` ones need company;
 * `weak` ones only tip a paper that already has evidence. `contexts` are groups of words of
 * which at least one must appear (the domain the method is applied in); without them the
 * score is damped, so "residual vector quantization" alone does not make an audio paper.
 */

export interface TopicSpec {
  slug: string;
  name: string;
  /** Other names users type for it: 'rlhf', 'rag'. */
  aliases: string[];
  description: string;
  strong: string[];
  related: string[];
  weak: string[];
  negative: string[];
  contexts: string[][];
}

export const CATALOG: readonly TopicSpec[] = [
  {
    slug: 'token-compression',
    name: 'token compression',
    aliases: ['token reduction', 'token pruning', 'token merging', 'kv cache compression', 'context compression', 'prompt compression'],
    description:
      'Reducing how many tokens (or how much key-value cache) a transformer has to process or keep: visual/video token pruning and merging, KV cache eviction and compression, prompt and context compression, memory tokens and gist tokens.',
    strong: [
      'token compression', 'token pruning', 'token merging', 'token reduction', 'token dropping', 'token sparsification',
      'token fusion', 'token condensation', 'visual token pruning', 'visual token compression', 'visual token reduction',
      'kv cache compression', 'kv cache eviction', 'kv cache pruning', 'key value cache compression', 'cache eviction',
      'context compression', 'prompt compression', 'compress the prompt', 'compress the context', 'compressed context',
      'gist tokens', 'memory tokens', 'compressive memory', 'patch pruning', 'patch merging', 'patch dropping',
      'sequence length reduction', 'token redundancy', 'redundant tokens', 'merge tokens', 'prune tokens', 'drop tokens',
      'fewer tokens', 'heavy hitter', 'snapkv', 'streamingllm',
    ],
    related: [
      'kv cache', 'key value cache', 'token budget', 'token count', 'number of tokens', 'visual tokens', 'video tokens',
      'redundant patches', 'patch routing', 'adaptive token', 'token selection', 'soft prompts', 'summary vectors',
      'recurrent memory', 'cache budget', 'retention', 'downsampling', 'temporal redundancy', 'spatial redundancy',
      'long context', 'training free', 'token length', 'shorter sequences', 'attention heads',
    ],
    weak: ['compress', 'compression', 'prune', 'merge', 'tokens', 'redundancy', 'memory footprint', 'throughput', 'inference cost'],
    negative: [
      'model compression', 'weight quantization', 'post training quantization', 'mixed precision', 'quantize weights',
      'network pruning', 'structured pruning', 'weight pruning', 'image compression', 'video compression', 'video coding',
      'rate distortion', 'data pruning', 'dataset pruning', 'deduplication', 'model merging', 'task arithmetic',
      'byte pair encoding', 'subword tokenization', 'vocabulary', 'image tokenizer', 'discrete tokenization',
    ],
    contexts: [['token', 'tokens', 'kv', 'cache', 'context', 'prompt', 'patch', 'patches', 'memory', 'sequence']],
  },
  {
    slug: 'audio-codecs',
    name: 'audio codecs',
    aliases: ['neural audio codecs', 'speech codecs', 'audio tokenizers', 'speech tokenizers', 'neural speech codec'],
    description:
      'Neural audio and speech codecs and audio tokenizers: compressing speech, music and general audio into discrete codes (residual vector quantization, low bitrate coding) for transmission or for speech and audio language models.',
    strong: [
      'audio codec', 'neural audio codec', 'speech codec', 'neural speech codec', 'music codec', 'neural codec',
      'audio tokenizer', 'speech tokenizer', 'audio tokenization', 'speech tokenization', 'acoustic tokens',
      'discrete speech units', 'discrete audio', 'discrete speech', 'audio compression', 'speech compression',
      'music compression', 'speech coding', 'audio coding', 'music coding', 'low bitrate speech', 'encodec', 'soundstream',
      'descript audio codec', 'speechtokenizer', 'waveform compression', 'codec language model',
    ],
    related: [
      'residual vector quantization', 'vector quantization', 'residual quantization', 'finite scalar quantization',
      'codebook', 'codebooks', 'bitrate', 'kbps', 'bps', 'frame rate', 'vocoder', 'resynthesis', 'speech units',
      'audio tokens', 'speech tokens', 'semantic tokens', 'discrete units', 'discrete representations', 'quantizer',
      'reconstruction quality', 'packet loss', 'entropy coding', 'speech language model', 'spoken language model',
      'text to speech', 'perceptual quality',
    ],
    weak: ['speech', 'audio', 'music', 'waveform', 'codec', 'discrete', 'quantization', 'streaming'],
    negative: [
      'image compression', 'learned image compression', 'video coding', 'video codec', 'video compression', 'vvc', 'hevc',
      'speech recognition', 'asr', 'sound event detection', 'audio classification', 'audio tagging', 'symbolic music',
      'midi', 'speaker verification', 'image tokenizer',
    ],
    contexts: [['speech', 'audio', 'music', 'sound', 'acoustic', 'voice', 'spoken', 'waveform', 'vocoder']],
  },
  {
    slug: 'speculative-decoding',
    name: 'speculative decoding',
    aliases: ['speculative sampling', 'draft model decoding', 'assisted generation'],
    description:
      'Speeding up autoregressive LLM generation by drafting several tokens cheaply (a small draft model, extra heads, n-gram or retrieval lookups, layer skipping) and verifying them in parallel with the large model, ideally losslessly.',
    strong: [
      'speculative decoding', 'speculative sampling', 'speculative generation', 'self speculative', 'draft model',
      'draft models', 'drafter', 'draft tokens', 'draft tree', 'draft trees', 'token tree', 'tree verification',
      'draft then verify', 'draft and verify', 'lookahead decoding', 'jacobi decoding', 'prompt lookup decoding',
      'medusa heads', 'assisted generation', 'lossless acceleration', 'acceptance rate', 'accepted tokens',
      'acceptance length', 'verify in parallel', 'verified in parallel',
      'retrieval based drafting', 'n gram drafting', 'cheap proposer',
    ],
    related: [
      'verifier', 'verification', 'parallel verification', 'target model', 'verification step', 'draft', 'drafting', 'proposer', 'proposals', 'lossless',
      'decoding speedup', 'inference acceleration', 'wall clock speedup', 'layer skipping', 'early exit',
      'multi token prediction', 'future tokens', 'parallel decoding', 'latency', 'llm serving', 'llm inference',
      'tokens per step', 'output distribution', 'rejection sampling',
    ],
    weak: ['speedup', 'decoding', 'inference', 'autoregressive', 'acceleration', 'faster'],
    negative: [
      'contrastive decoding', 'constrained decoding', 'grammar constrained', 'minimum bayes risk', 'beam search',
      'diffusion language model', 'masked diffusion', 'weight quantization', 'post training quantization',
      'model compression', 'hallucination', 'machine translation',
    ],
    contexts: [['decoding', 'inference', 'generation', 'llm', 'llms', 'language model', 'tokens', 'latency', 'serving']],
  },
  {
    slug: 'image-tokenizers',
    name: 'image tokenizers',
    aliases: ['visual tokenizers', 'image tokenization', 'vq-vae', 'discrete image tokens', 'video tokenizers'],
    description:
      'Tokenizers that turn images (and videos) into discrete codes for generative transformers: VQ-VAE/VQGAN-style autoencoders, codebook design and collapse, lookup-free and finite scalar quantization, 1D and multi-scale tokenizers.',
    strong: [
      'image tokenizer', 'visual tokenizer', 'video tokenizer', 'image tokenization', 'visual tokenization',
      'discrete image tokens', 'discrete visual tokens', 'discrete image', 'tokenize images', 'vq vae', 'vqvae', 'vqgan',
      'vector quantized autoencoder', 'vq autoencoder', 'lookup free quantization', 'visual codebook', 'image codebook',
      'codebook collapse', 'codebook utilization', '1d tokenizer', 'one dimensional tokenization', 'multi scale tokenizer',
      'titok', 'magvit', 'discrete latent codes', 'visual words',
    ],
    related: [
      'codebook', 'codebooks', 'vector quantization', 'finite scalar quantization', 'residual quantization',
      'lattice quantization', 'binary quantization', 'discrete codes', 'discrete tokens', 'discrete latent',
      'latent codes', 'discrete representations', 'reconstruction fid', 'rfid', 'autoregressive image generation',
      'masked generative transformer', 'maskgit', 'image generation', 'image synthesis', 'tokenizer', 'tokens per image',
      'coarse to fine', 'autoencoder', 'video generation',
    ],
    weak: ['quantization', 'discrete', 'reconstruction', 'pixels', 'generation'],
    negative: [
      'product quantization', 'nearest neighbor search', 'vector search', 'byte pair encoding', 'subword',
      'multilingual', 'face restoration', 'image restoration', 'recommendation', 'recommender', 'semantic ids',
      'generative retrieval', 'patch embedding', 'image classification', 'token pruning', 'visual token pruning',
      'text tokenizer', 'speech', 'audio',
    ],
    contexts: [['image', 'images', 'visual', 'pixel', 'pixels', 'video', 'vision']],
  },
  {
    slug: 'retrieval-augmented-generation',
    name: 'retrieval-augmented generation',
    aliases: ['rag', 'retrieval augmented generation', 'retrieval-augmented language models', 'grounded generation'],
    description:
      'Language models that retrieve documents, passages, code or graph facts at inference time and generate answers grounded in them: retrievers and rerankers for generation, adaptive retrieval, attribution and citations, GraphRAG, multimodal RAG, search-augmented agents, attacks on RAG.',
    strong: [
      'retrieval augmented generation', 'retrieval augmented', 'rag', 'graphrag', 'retrieval augmented language model',
      'retrieved passages', 'retrieved documents', 'retrieved evidence', 'retrieved context', 'retrieved snippets',
      'retrieved chunks', 'fetched passages', 'grounded generation', 'retrieve then generate', 'search augmented',
      'knowledge intensive', 'open domain question answering', 'corpus poisoning',
    ],
    related: [
      'retriever', 'retrievers', 'reranker', 'reranking', 'dense retrieval', 'retrieval', 'retrieve', 'passages',
      'snippets', 'evidence', 'grounding', 'grounded', 'attribution', 'citations', 'context faithfulness',
      'question answering', 'multi hop', 'knowledge graph', 'repository level', 'search engine',
      'external knowledge', 'datastore', 'document question answering', 'generator', 'prompt injection',
    ],
    weak: ['documents', 'corpus', 'answers', 'knowledge', 'search', 'index', 'queries'],
    negative: [
      'image text retrieval', 'cross modal retrieval', 'approximate nearest neighbor', 'product quantization',
      'generative retrieval', 'recommendation', 'recommender', 'learned sparse retrieval', 'inverted index', 'web search engine',
      'speculative decoding', 'drafting', 'draft model',
    ],
    contexts: [['language model', 'language models', 'llm', 'llms', 'generation', 'generator', 'answer', 'answers', 'answering']],
  },
  {
    slug: 'rlhf',
    name: 'RLHF',
    aliases: ['reinforcement learning from human feedback', 'preference optimization', 'reward modeling', 'learning from human preferences'],
    description:
      'Learning from human feedback and preferences: reward models trained on human comparisons, PPO-style policy optimisation against them, direct preference optimisation, reward hacking and overoptimisation, annotator disagreement, preference-based RL for robots.',
    strong: [
      'rlhf', 'reinforcement learning from human feedback', 'human feedback', 'reward model', 'reward models',
      'reward modeling', 'preference optimization', 'direct preference optimization', 'dpo', 'preference data',
      'human preferences', 'human preference', 'preference based reinforcement learning', 'preference learning',
      'learning from preferences', 'reward hacking', 'reward overoptimization', 'bradley terry', 'process reward model',
      'preference pairs', 'preference labels',
    ],
    related: [
      'ppo', 'proximal policy optimization', 'policy optimization', 'alignment', 'annotators', 'annotator',
      'comparisons', 'preferences', 'rankings', 'kl penalty', 'kl regularization', 'rlaif', 'ai feedback',
      'reward', 'rewards', 'human annotation', 'human raters', 'plackett luce', 'chosen and rejected',
      'pairwise comparisons', 'annotator comparisons', 'annotator rankings',
    ],
    weak: ['feedback', 'human', 'policy', 'aligned', 'reinforcement learning'],
    negative: [
      'multi agent reinforcement learning', 'contextual bandits', 'offline reinforcement learning', 'click feedback',
      'q learning', 'active learning', 'medical imaging', 'instruction tuning', 'data selection', 'relevance feedback',
      'feedback control', 'human evaluation', 'user study', 'listening test', 'mean opinion score', 'human raters judged',
    ],
    contexts: [['human', 'humans', 'preference', 'preferences', 'annotator', 'annotators', 'feedback', 'reward', 'comparisons', 'rankings']],
  },
  {
    slug: 'video-diffusion',
    name: 'diffusion models for video',
    aliases: ['video diffusion', 'video diffusion models', 'video generation', 'text-to-video'],
    description:
      'Diffusion and flow-matching models that generate, edit, restore or predict video: text-to-video and image-to-video, motion and camera control, talking heads, video editing and super-resolution with diffusion priors, fast sampling and distillation, video world models.',
    strong: [
      'video diffusion', 'video diffusion model', 'text to video', 'image to video', 'video generation', 'video synthesis',
      'latent video diffusion', 'video generative model', 'video generator', 'video editing', 'talking head',
      'video super resolution', 'video prediction', 'generative world model', 'world models', 'camera control',
      'motion control', 'frame interpolation',
    ],
    related: [
      'diffusion', 'diffusion model', 'diffusion models', 'diffusion transformer', 'diffusion prior', 'denoising',
      'score based', 'flow matching', 'consistency distillation', 'few step sampling', 'sampling steps', 'inversion',
      'spatiotemporal attention', 'temporal consistency', 'temporal attention', 'temporal coherence', 'motion',
      'animation', 'frames', 'generative model',
    ],
    weak: ['video', 'videos', 'temporal', 'generation'],
    negative: [
      'video understanding', 'action recognition', 'video question answering', 'video llm', 'video llms',
      'diffusion policy', 'diffusion policies', 'diffusion language model', 'masked diffusion', 'video coding',
      'in loop filtering', 'robot manipulation', 'text to image', 'token reduction', 'image restoration', 'single image',
    ],
    contexts: [
      ['video', 'videos', 'frames', 'temporal', 'spatiotemporal', 'motion', 'clip', 'clips'],
      ['diffusion', 'denoising', 'denoiser', 'score based', 'flow matching', 'consistency model', 'rectified flow'],
    ],
  },
  {
    slug: 'graph-neural-networks',
    name: 'graph neural networks',
    aliases: ['gnn', 'gnns', 'graph learning', 'message passing neural networks', 'graph transformers'],
    description:
      'Neural networks over graph-structured data: message passing, graph convolution and attention, graph transformers, expressivity (Weisfeiler-Leman), oversmoothing and heterophily, temporal and large-scale graphs, molecular and mesh-based GNNs.',
    strong: [
      'graph neural network', 'graph neural networks', 'gnn', 'message passing', 'message passing neural network',
      'graph convolutional network', 'graph convolution', 'graph attention network', 'graph transformer',
      'graph transformers', 'node classification', 'graph classification', 'node embeddings', 'oversmoothing',
      'over smoothing', 'heterophily', 'heterophilous', 'weisfeiler leman', 'weisfeiler lehman', 'graph isomorphism',
      'temporal graph network', 'equivariant graph', 'graph foundation model', 'graph representation learning',
      'graphsage', 'gcn', 'mpnn', 'neighbor sampling', 'subgraph gnns',
    ],
    related: [
      'link prediction', 'molecular graph', 'molecular property prediction', 'graph pooling', 'graph learning',
      'node features', 'node representations', 'edge features', 'dynamic graphs', 'neighborhood aggregation',
      'geometric deep learning', 'graph structure', 'graph data', 'mesh based', 'learned simulation', 'graph diffusion',
      'combinatorial optimization', 'text attributed graphs',
    ],
    weak: ['graph', 'graphs', 'node', 'nodes', 'edges', 'molecule'],
    negative: [
      'scene graph', 'computation graph', 'computation graphs', 'causal discovery', 'directed acyclic graph',
      'structure learning', 'chain of thought', 'reasoning graph', 'graph of thoughts', 'operator fusion', 'compiler',
      'knowledge graph embedding', 'graph indexing',
    ],
    contexts: [['graph', 'graphs', 'node', 'nodes', 'mesh', 'molecule', 'molecular', 'edges', 'message']],
  },
  {
    slug: 'mixture-of-experts',
    name: 'mixture of experts',
    aliases: ['moe', 'mixture-of-experts', 'sparse experts', 'expert routing'],
    description:
      'Sparsely activated mixture-of-experts models: routers and gating, top-k and expert-choice routing, load balancing, expert parallelism and serving, fine-grained and shared experts, upcycling dense models into MoE.',
    strong: [
      'mixture of experts', 'moe', 'sparse experts', 'expert routing', 'top k routing', 'expert choice', 'expert parallelism',
      'switch transformer', 'sparsely activated', 'load balancing loss', 'fine grained experts', 'shared experts',
      'expert capacity', 'sparse moe', 'upcycling', 'gating network', 'routed experts',
    ],
    related: ['experts', 'router', 'routing', 'gating', 'load balancing', 'token routing', 'activated parameters', 'conditional computation'],
    weak: ['expert', 'sparse', 'sparsity'],
    negative: ['product of experts', 'human experts', 'domain experts', 'expert demonstrations', 'model merging', 'mixture of gaussians'],
    contexts: [['expert', 'experts', 'moe', 'router', 'routing', 'gating']],
  },
  {
    slug: 'llm-agents',
    name: 'LLM agents',
    aliases: ['language agents', 'ai agents', 'agentic llms', 'tool use', 'autonomous agents'],
    description:
      'Language-model agents that plan and act: tool use and function calling, web, GUI and computer-use agents, software-engineering agents, multi-agent LLM systems, memory and reflection, agent benchmarks.',
    strong: [
      'llm agent', 'llm agents', 'language agent', 'language agents', 'autonomous agent', 'agentic', 'tool use',
      'tool calling', 'function calling', 'web agent', 'gui agent', 'computer use', 'software engineering agent',
      'multi agent llm', 'agent benchmark', 'react', 'swe bench', 'webarena', 'tool augmented', 'search agents',
    ],
    related: ['agent', 'agents', 'tools', 'planning', 'environment', 'actions', 'trajectories', 'reflection', 'memory', 'multi step'],
    weak: ['interactive', 'autonomous', 'api'],
    negative: ['multi agent reinforcement learning', 'reinforcement learning agent', 'robot', 'legged', 'atari'],
    contexts: [['llm', 'llms', 'language model', 'language models', 'gpt', 'agent', 'agents']],
  },
];
