# why: decides by the exact "fc." prefix of each name and counts with filter
# %% freeze_all_but_head
def freeze_all_but_head(model: nn.Module) -> int:
    for name, p in model.named_parameters():
        p.requires_grad = name.startswith("fc.")
    return sum(map(torch.numel, filter(lambda p: p.requires_grad, model.parameters())))
