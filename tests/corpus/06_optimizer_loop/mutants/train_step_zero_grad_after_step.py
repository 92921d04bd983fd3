# mistake: clears the gradients after step instead of before backward, so a gradient left from before is used too
# targets: test_train_step
# %% train_step
def train_step(model: nn.Module, optimizer: optim.Optimizer, loss_fn, x: torch.Tensor, y: torch.Tensor) -> float:
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    optimizer.zero_grad()
    return loss.item()
