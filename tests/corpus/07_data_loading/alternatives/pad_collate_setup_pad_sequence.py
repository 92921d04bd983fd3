# why: calls pad_sequence by the name the setup cell imports, and turns the labels into a tensor with default_collate
# %% pad_collate
def pad_collate(batch: list[tuple[torch.Tensor, int]]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    sequences, labels = zip(*batch)
    padded = pad_sequence(list(sequences), batch_first=True)
    return padded, torch.tensor([s.numel() for s in sequences]), default_collate(list(labels))
