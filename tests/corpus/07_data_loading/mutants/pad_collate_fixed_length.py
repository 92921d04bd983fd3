# mistake: pads every batch to a fixed length instead of the longest sequence of the batch
# targets: test_pad_collate
# %% pad_collate
def pad_collate(batch: list[tuple[torch.Tensor, int]]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    padded = torch.zeros(len(batch), 10, dtype=batch[0][0].dtype)
    for i, (seq, _) in enumerate(batch):
        padded[i, :len(seq)] = seq
    lengths = torch.tensor([len(seq) for seq, _ in batch])
    labels = torch.tensor([label for _, label in batch])
    return padded, lengths, labels
