/**
 * Generalisation guard: paraphrased abstracts of well-known papers (not from the dev set),
 * including the catalog's two topics the dev set lacks, and same-vocabulary near misses.
 */
import { describe, expect, it } from 'vitest';
import { builtinTopics } from '../../../src/core/topics/builtin.js';
import { createMatcher } from '../../../src/core/topics/matcher.js';

const T = builtinTopics(new Date('2026-01-01T00:00:00Z'));
const m = createMatcher();
const cases: Array<[string, string, string, boolean]> = [
  ['mixture-of-experts','Mixtral of Experts','We introduce Mixtral 8x7B, a Sparse Mixture of Experts language model. For every token, at each layer, a router network selects two experts to process the current state and combine their outputs.', true],
  ['mixture-of-experts','Learning from expert demonstrations for robot grasping','We train a policy from human expert demonstrations using behavior cloning.', false],
  ['llm-agents','ReAct: Synergizing Reasoning and Acting in Language Models','We explore the use of LLMs to generate both reasoning traces and task-specific actions in an interleaved manner, allowing the model to interface with external sources such as Wikipedia.', true],
  ['llm-agents','Toolformer: Language Models Can Teach Themselves to Use Tools','We show that LMs can teach themselves to use external tools via simple APIs, deciding which APIs to call, when to call them and what arguments to pass.', true],
  ['llm-agents','SWE-agent: Agent-Computer Interfaces Enable Automated Software Engineering','Language model agents are increasingly being used to automate complicated tasks in digital environments. We introduce SWE-agent, a system that lets LM agents autonomously use computers to solve software engineering tasks.', true],
  ['llm-agents','A tool wear prediction model for CNC machining','We predict tool wear from vibration signals with a convolutional network.', false],
  ['speculative-decoding','Medusa: Simple LLM Inference Acceleration Framework with Multiple Decoding Heads','Medusa adds extra decoding heads to predict multiple subsequent tokens in parallel, and uses a tree-based attention mechanism to verify candidate continuations simultaneously.', true],
  ['audio-codecs','High Fidelity Neural Audio Compression','We introduce a state-of-the-art real-time audio codec leveraging neural networks, with a streaming encoder-decoder architecture and a quantized latent space.', true],
  ['audio-codecs','Robust Speech Recognition via Large-Scale Weak Supervision','We study speech processing systems trained to predict transcripts of audio on the internet.', false],
  ['image-tokenizers','Taming Transformers for High-Resolution Image Synthesis','We combine the effectiveness of the inductive bias of CNNs with the expressivity of transformers: a CNN learns a context-rich vocabulary of image constituents, quantized with a codebook, and a transformer models their composition.', true],
  ['retrieval-augmented-generation','Dense Passage Retrieval for Open-Domain Question Answering','Open-domain question answering relies on efficient passage retrieval to select candidate contexts. We show that retrieval can be implemented using dense representations alone.', true],
  ['rlhf','Training language models to follow instructions with human feedback','We fine-tune GPT-3 using supervised learning on demonstrations, then collect a dataset of rankings of model outputs, which we use to further fine-tune this model using reinforcement learning from human feedback.', true],
  ['rlhf','Deep Q-learning for Atari games','We learn control policies directly from pixels with reinforcement learning and a reward signal from the game score.', false],
  ['video-diffusion','Stable Video Diffusion: Scaling Latent Video Diffusion Models to Large Datasets','We present Stable Video Diffusion, a latent video diffusion model for high-resolution text-to-video and image-to-video generation.', true],
  ['video-diffusion','Video Swin Transformer','We advocate an inductive bias of locality in video transformers for video recognition.', false],
  ['graph-neural-networks','Semi-Supervised Classification with Graph Convolutional Networks','We present a scalable approach for semi-supervised learning on graph-structured data based on an efficient variant of convolutional neural networks which operate directly on graphs.', true],
  ['graph-neural-networks','Scene Graph Generation by Iterative Message Passing','We generate a visually grounded scene graph from an image using iterative message passing between object and relationship nodes.', false],
  ['token-compression','Token Merging: Your ViT But Faster','We introduce Token Merging (ToMe), a simple method to increase the throughput of existing ViT models without training by gradually combining similar tokens.', true],
  ['token-compression','H2O: Heavy-Hitter Oracle for Efficient Generative Inference of LLMs','The KV cache grows linearly with sequence length. We find a small portion of tokens, heavy hitters, contribute most attention and propose an eviction policy.', true],
];

describe('matching papers outside the dev set', () => {
  it.each(cases)('%s: %s -> %s', (slug, title, abstract, want) => {
    const r = m.matchPaper({ arxivId: 'x', title, abstract }, T.find((t) => t.slug === slug)!);
    expect(r.matched, r.why).toBe(want);
  });
});
