# mistake: puts the zeros before each sequence instead of after it
# targets: test_pad_collate
# %% pad_collate
def pad_collate(batch: list[tuple[torch.Tensor, int]]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    width = max(len(seq) for seq, _ in batch)
    padded = torch.zeros(len(batch), width, dtype=batch[0][0].dtype)
    for i, (seq, _) in enumerate(batch):
        if len(seq):
            padded[i, width - len(seq):] = seq
    lengths = torch.tensor([len(seq) for seq, _ in batch])
    labels = torch.tensor([label for _, label in batch])
    return padded, lengths, labels
